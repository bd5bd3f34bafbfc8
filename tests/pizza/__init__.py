"""A toy second skill, "pizza bot": its own model, words and handlers, run by the same machinery."""
