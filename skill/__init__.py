"""Trust Coach: the Alexa skill, its persistence, web endpoint and command line."""
