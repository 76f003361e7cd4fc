"""The App Home: what each person sees on the bot's Home tab, and its refreshes."""
