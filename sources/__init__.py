"""Mention-source adapters: file replay, RSS/Atom, Mastodon and Bluesky (polled) and the ingest webhook (pushed)."""
