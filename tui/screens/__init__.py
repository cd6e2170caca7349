"""One module per screen: the client desk now, the pipeline next; forms and help are modal."""
