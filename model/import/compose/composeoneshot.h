#pragma once

// Internal to the Compose import: which services are one-shot jobs (run to completion and exit)
// rather than services that keep serving.

#include "import/compose/composeinput.h"
#include "import/compose/composeservice.h"

#include <string>
#include <vector>

namespace bulkhead {

/**
 * Sets `oneShot` yes, with its line in the import report, on a service the files show runs to
 * completion:
 * - another service waits for it with `depends_on: {NAME: {condition:
 *   service_completed_successfully}}`, which Compose only satisfies once it has exited 0;
 * - or nothing restarts it (restart absent, "no" or "on-failure", and no deploy.restart_policy
 *   that restarts on any exit) and its command or entrypoint is a shell script (`sh -c`,
 *   `bash -c`) whose last step prints or exits (echo, printf, exit, true) and which neither
 *   execs another program nor loops or waits forever (while true, tail -f, sleep infinity).
 * Anything else stays a long-running service: the property is not guessed.
 */
void markOneShotServices(ComposeInput &input, std::vector<ComposeService> &services);

/** Whether a command or entrypoint (its words, in memory) replaces the image's own program,
 *  rather than passing it flags ("--requirepass x"): `/cron.sh`, `celery worker`. */
bool replacesImageProgram(const ComposeService &service);

} // namespace bulkhead
