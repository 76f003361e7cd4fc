"""The debrief: questionnaire at close, metrics from the timeline, the report model, follow-ups."""
