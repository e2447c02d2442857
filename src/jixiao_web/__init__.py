"""The jixiao web application: filing, review workflow and JSON API over the core."""
