"""The console's widgets: they render the state and forward the operator's actions."""
