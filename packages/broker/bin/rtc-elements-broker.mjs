#!/usr/bin/env node
// rtc-elements-broker [--host H] [--port P] [--path /myapp] [--key K] [--proxied] [--allow-discovery] [--redis URL]
// See --help, or README.md beside this folder.
import { main } from '../src/cli.mjs';

await main(process.argv.slice(2), process.env);
