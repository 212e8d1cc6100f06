#pragma once

#include "core/result.h"
#include "import/importresult.h"

#include <map>
#include <string>
#include <vector>

namespace bulkhead {

/**
 * Docker Compose files into a threat model, merged in order like `docker compose -f a -f b`.
 * `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR:+alternative}` and
 * `$VAR` are interpolated from `environment`, then from the `.env` file beside the first file
 * (as Compose does); `$$` is a literal dollar.
 *
 * Environment variable values are never copied into the model or the report — only names, with
 * those that look like secrets flagged. Errors name the file, line and column. The model is not
 * laid out yet: callers finish with finishImport().
 */
Result<ImportResult> importCompose(const std::vector<std::string> &files,
                                   const std::map<std::string, std::string> &environment);

} // namespace bulkhead
