"""The kiosk's widgets: they render a flow and forward taps, deciding nothing."""
