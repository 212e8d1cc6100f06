#pragma once

#include <string>
#include <vector>

namespace bulkhead::cli {

/**
 * `bulkhead-cli diff`, with the arguments after "diff": two models compared (exit 0 equal,
 * 1 different, 2 error), one model as canonical text (--textconv), or git's external diff
 * driver (--git-driver PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE).
 */
int diffCommand(const std::vector<std::string> &args);

} // namespace bulkhead::cli
