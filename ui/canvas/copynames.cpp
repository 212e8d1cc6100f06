#include "copynames.h"

#include "core/threatmodel.h"

#include <cctype>
#include <set>
#include <string>

namespace bulkhead {

namespace {

/** "Web" for "Web", "Web copy" and "Web copy 7": the name the copies count from. */
std::string originalName(const std::string &name)
{
    // By hand rather than with std::regex, whose recursion a pasted multi-megabyte name
    // could overflow.
    static const std::string suffix = " copy";
    std::size_t end = name.size();
    while (end > 0 && std::isdigit(static_cast<unsigned char>(name[end - 1])))
        --end;
    if (end < name.size()) { // a number: it must follow " copy "
        if (end == 0 || name[end - 1] != ' ')
            return name;
        --end;
    }
    if (end <= suffix.size() || name.compare(end - suffix.size(), suffix.size(), suffix) != 0)
        return name;
    return name.substr(0, end - suffix.size());
}

/** The first of "X copy", "X copy 2", ... not yet taken; then taken. */
std::string nextCopyName(const std::string &name, std::set<std::string> &taken)
{
    const std::string base = originalName(name) + " copy";
    std::string candidate = base;
    for (int n = 2; taken.contains(candidate); ++n)
        candidate = base + ' ' + std::to_string(n);
    taken.insert(candidate);
    return candidate;
}

} // namespace

void giveCopyNames(const ThreatModel &target, PastedItems &items)
{
    std::set<std::string> taken;
    for (const Element &e : target.elements())
        taken.insert(e.name);
    for (const Boundary &b : target.boundaries())
        taken.insert(b.name);
    for (Boundary &b : items.boundaries) {
        if (!b.name.empty())
            b.name = nextCopyName(b.name, taken);
    }
    for (Element &e : items.elements) {
        if (!e.name.empty())
            e.name = nextCopyName(e.name, taken);
    }
}

} // namespace bulkhead
