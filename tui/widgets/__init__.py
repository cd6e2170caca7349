"""Widgets grouped by the thing they show; each takes data from its screen and posts messages up."""
