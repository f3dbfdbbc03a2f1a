"""The top of onbrand: the `onbrand` command line (`cli`), the Gemini-compatible HTTP server
(`server`) and its load test (`loadtest`). They sit above `eval` and every other package."""
