"""The display's widgets: they render the board and decide nothing."""
