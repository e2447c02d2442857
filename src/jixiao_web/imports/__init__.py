"""Upload → preview → confirm: importing documents into filings."""
