"""The wall display: calls shown large and spoken in Kazakh and Russian."""
