#pragma once

#include "core/result.h"
#include "import/reimport.h"

#include <optional>
#include <string>
#include <vector>

namespace bulkhead {

/** The options of `import ... --into MODEL [--prune]`. */
struct ReimportArguments
{
    std::optional<std::string> into;
    bool prune = false;
};

/**
 * Takes --into MODEL and --prune out of `args` from `start` on, leaving the other options for
 * the import's own parser. Nothing on a usage error, which goes to `error`.
 */
std::optional<ReimportArguments> takeReimportArguments(std::vector<std::string> &args,
                                                       std::size_t start, std::string &error);

/** `imported` merged into the model file `into`; a failure names the file. */
Result<ReimportResult> reimportIntoFile(const std::string &into, const ThreatModel &imported,
                                        const ReimportArguments &arguments);

} // namespace bulkhead
