"""Weekly check-in reminders through the Alexa Reminders API: the schedule, the HTTP client, the
service calls and the permission the skill needs for them."""
