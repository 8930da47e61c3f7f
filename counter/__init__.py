"""The operator's counter console: call, serve, transfer, pause."""
