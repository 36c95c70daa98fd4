#!/usr/bin/env node
// The package's bin. It exists in the source tree (dist/ does not until the first build), so a
// workspace install can link it; it only loads the built command line.
import "../dist/bin.js";
