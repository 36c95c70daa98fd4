#!/usr/bin/env node
// The package's bin. It exists in the source tree (dist/ does not until the first build), so a
// workspace install can link it without "Failed to create bin" warnings; it only loads the CLI.
import "../dist/cli.js";
