"""The harvester spiders, one per protocol: `oai_pmh`, `json_api`, `html`."""
