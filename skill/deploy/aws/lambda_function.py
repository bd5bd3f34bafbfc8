"""AWS Lambda's entry point, named by the template's Handler; the host is skill.hosts.aws."""

from skill.hosts.aws import handler_from_environment

# Built once per container, in Lambda's init phase; reused by every warm invocation.
lambda_handler = handler_from_environment()
