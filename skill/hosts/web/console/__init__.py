"""The test console: a local web page over the local mode's simulator (`trust-coach console`)."""
