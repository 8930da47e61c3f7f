"""The touchscreen kiosk: citizens take tickets, consultants issue them, visitors rate."""
