"""Serial hall devices: call buttons, rating keypads and number displays, with their protocols."""
