#include "reimportarguments.h"

#include "io/modelreader.h"

namespace bulkhead {

std::optional<ReimportArguments> takeReimportArguments(std::vector<std::string> &args,
                                                       std::size_t start, std::string &error)
{
    ReimportArguments taken;
    std::vector<std::string> rest(args.begin(), args.begin() + static_cast<long>(start));
    for (std::size_t i = start; i < args.size(); ++i) {
        if (args[i] == "--prune") {
            taken.prune = true;
        } else if (args[i] == "--into") {
            if (i + 1 >= args.size()) {
                error = "option --into needs a value";
                return std::nullopt;
            }
            taken.into = args[++i];
        } else {
            rest.push_back(args[i]);
        }
    }
    if (taken.prune && !taken.into) {
        error = "--prune applies to import --into MODEL";
        return std::nullopt;
    }
    args = std::move(rest);
    return taken;
}

Result<ReimportResult> reimportIntoFile(const std::string &into, const ThreatModel &imported,
                                        const ReimportArguments &arguments)
{
    auto loaded = readModelFile(into);
    if (!loaded)
        return Result<ReimportResult>::failure(loaded.error());
    ReimportOptions options;
    options.prune = arguments.prune;
    return reimportInto(loaded->model, imported, options);
}

} // namespace bulkhead
