"""Brand-mention monitoring: sources, sentiment, buckets and spike detection."""
