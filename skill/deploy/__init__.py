"""Deploy: `trust-coach package` builds lambda.zip, its SAM template and the ASK CLI project.

Modules by concern: dependencies (pins, where wheels come from), imports (Lambda's import
graph), bytecode (compiling for the runtime), content (TOML to JSON), archive (the zip),
template (the SAM template), manifest (skill.json), build (all of it), command (the CLI).
"""
