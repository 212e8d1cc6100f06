#pragma once

#include "import/importresult.h"

#include <algorithm>
#include <string>
#include <vector>

// Checks on an import report's findings, for the import tests (header only: the tests that use
// it link bulkhead::import, the support library does not).

namespace bulkhead::test {

/** Whether a finding's location ends with `where` (a file name and line) and its text holds `fragment`. */
inline bool hasFinding(const std::vector<ImportFinding> &findings, const std::string &where, const std::string &fragment)
{
    return std::any_of(findings.begin(), findings.end(), [&](const ImportFinding &f) {
        const bool at = where.empty() || (f.where.size() >= where.size() && f.where.compare(f.where.size() - where.size(), where.size(), where) == 0);
        return at && f.text.find(fragment) != std::string::npos;
    });
}

/** The findings, one a line, for failure messages. */
inline std::string describe(const std::vector<ImportFinding> &findings)
{
    std::string text;
    for (const ImportFinding &f : findings)
        text += f.where + ": " + f.text + "\n";
    return text;
}

} // namespace bulkhead::test
