"""Local fake venue servers that speak each venue's documented REST protocol (tests, demos)."""
