#pragma once

#include "core/result.h"
#include "import/importresult.h"

#include <map>
#include <string>
#include <vector>

namespace bulkhead {

class Catalog;

struct ComposeImportOptions
{
    /**
     * The project folder, as `docker compose --project-directory` names it: relative paths in
     * the files given are resolved from it, `.env` is read from it, and `extends` and `env_file`
     * may read only files inside it. Empty: the folder of the first file.
     */
    std::string projectDirectory;
    /** Element kinds and well-known images to map services onto; null: the built-in catalog. */
    const Catalog *catalog = nullptr;
};

/**
 * Docker Compose files into a threat model, merged in order like `docker compose -f a -f b`.
 * `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR:+alternative}` and
 * `$VAR` are interpolated from `environment`, then from the project folder's `.env` file (as
 * Compose does); `$$` is a literal dollar.
 *
 * No value of a variable, an env file or a secret reaches the model, the report or an error:
 * where text came from a variable they show `${NAME}` instead, and from environment variables
 * and env files only names are kept, with those that look like secrets flagged. Files outside
 * the project folder, or reached through a symbolic link leading out of it, are refused.
 * Errors name the file, line and column. The model is not laid out yet: callers finish with
 * finishImport().
 */
Result<ImportResult> importCompose(const std::vector<std::string> &files,
                                   const std::map<std::string, std::string> &environment,
                                   const ComposeImportOptions &options = {});

} // namespace bulkhead
