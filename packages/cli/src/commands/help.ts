/** The usage texts: `guidepost --help` and `guidepost <command> --help`. */
export const HELP = {
  main: `Usage: guidepost <command> [options]

Tools for the people who write onboarding flows.

Commands:
  validate <flow.json>           check a flow; every error with its JSON path and how to fix it
  lint <flow.json>               warnings that matter for activation (valid flows only)
  schema                         print the flow JSON Schema (draft 2020-12) for editors
  simulate <flow.json> [who]     which segment and path a user gets, and why; the steps in order
  report <trail.ndjson…>         funnel, time to value, where users stall, who acts next

Options:
  -h, --help                     help for guidepost or for one command
  --version                      print the version

Exit codes: 0 ok · 1 invalid flow, warnings under --strict, or unreadable input · 2 usage error
`,
  validate: `Usage: guidepost validate <flow.json> [--json]

Checks a flow against the flow format: structure, references between ids, one default segment,
triggers, placeholders and links. Prints every error with its JSON path, what is wrong and how to
fix it; JSON syntax errors with line:column.

Options:
  --json     print { ok, errors: [{ path, message, line?, column? }] }

Exit codes: 0 valid · 1 invalid or unreadable · 2 usage error
`,
  lint: `Usage: guidepost lint <flow.json> [--strict] [--json]

Warnings that matter for activation, on a valid flow (an invalid one is reported as by validate):
unused paths, shadowed segments, long tours, steps without a target, tasks nothing can complete,
stall ladders that skip a level or escalate early, selectors that do not parse, url triggers that
can never match, missing locales, and (as hints) placeholders nothing in the flow provides.

Options:
  --strict   exit 1 when there is any warning (hints never fail)
  --json     print { ok, errors, warnings: [{ path, rule, message, severity }] }

Exit codes: 0 valid (warnings or not, without --strict) · 1 invalid, unreadable, or warnings under --strict · 2 usage error
`,
  schema: `Usage: guidepost schema

Prints the flow JSON Schema (draft 2020-12), generated from the validator's own schema. Point a
flow's "$schema" at it for completion and inline errors in your editor. The schema checks
structure; cross-references (path and task ids, the default segment) need \`guidepost validate\`.

Exit codes: 0 · 2 usage error
`,
  simulate: `Usage: guidepost simulate <flow.json> [--user key=value]… [--trait key=value]… [--account key=value]… [--locale xx] [--json]

Shows which segment a user gets and why (the match keys that matched), its provisioning and owner,
the path, then every step in order: welcome, tour steps (target, what completes them), Quick Start
tasks (what completes them, core task, activation), stall thresholds and owners per step, and the
jit-without-role exception when it applies. Texts are shown as this user would read them.

Options:
  --user key=value      user fields: id, role, name
  --trait key=value     user traits (user.traits), e.g. --trait provisioning=jit
  --account key=value   account: id, name, or any other key as an account trait, e.g. plan=pro
  --locale xx           locale for the texts (default: the flow's)
  --json                print the simulation as JSON

Exit codes: 0 · 1 invalid or unreadable flow · 2 usage error
`,
  report: `Usage: guidepost report <trail.ndjson…> [--json] [--html out.html] [--top N] [--include-resolved] [--now time]

Reads trail events (NDJSON, one event per line; "-" reads stdin; ".gz" files are gunzipped) and
prints the funnel per segment, time to value, where users stall, and every stalled user with
label, owner, next action and since: who acts next.

Options:
  --json               print the report as JSON (version 1)
  --html out.html      also write a self-contained HTML report
  --top N              rows of the "where users stall" table (default 10)
  --include-resolved   also list users whose last stall or exception was resolved
  --now time           report as of this time (ISO date or epoch ms; default: now), for
                       reproducible weekly numbers and "since" ages

Exit codes: 0 · 1 a trail file cannot be read, or the HTML file cannot be written · 2 usage error
`,
};
