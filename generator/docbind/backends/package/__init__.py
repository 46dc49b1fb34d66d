"""The generated Python package: models, client, signing, webhooks, fake, tests, changelog."""
