#include "supersedes.h"

#include "core/displaytext.h"
#include "elementkind.h"

#include <algorithm>
#include <cstddef>
#include <set>
#include <string_view>
#include <unordered_map>

namespace bulkhead {

namespace {

/** One element can be of both kinds: the same kind, or one deployable as the other. */
bool kindsMeet(const ElementKind *a, const ElementKind *b)
{
    auto deployableAs = [](const ElementKind *kind, const ElementKind *other) {
        const auto &kinds = kind->deployableKinds;
        return std::find(kinds.begin(), kinds.end(), other) != kinds.end();
    };
    return a == b || deployableAs(a, b) || deployableAs(b, a);
}

/** Two resolved kind lists can meet on one element; an empty list (flow ends) means any kind. */
bool kindsOverlap(const std::vector<const ElementKind *> &a,
                  const std::vector<const ElementKind *> &b)
{
    if (a.empty() || b.empty())
        return true;
    return std::any_of(a.begin(), a.end(), [&b](const ElementKind *kind) {
        return std::any_of(b.begin(), b.end(),
                           [kind](const ElementKind *other) { return kindsMeet(kind, other); });
    });
}

std::string where(const ThreatRule &threat)
{
    return threat.sourceFile + ": threat " + threat.id + ": supersedes: ";
}

/**
 * Depth-first search for cycles over resolved edges; reports each cycle once, at the threat
 * where the search closes it. Iterative so a long chain in a user's catalog cannot exhaust
 * the stack.
 */
void reportCycles(const std::vector<ThreatRule> &threats,
                  const std::unordered_map<const ThreatRule *, std::size_t> &indexOf,
                  std::vector<std::string> &errors)
{
    enum class Mark : unsigned char { Unvisited, OnPath, Done };
    std::vector<Mark> marks(threats.size(), Mark::Unvisited);
    struct Frame
    {
        std::size_t threat;
        std::size_t next = 0;
    };
    for (std::size_t start = 0; start < threats.size(); ++start) {
        if (marks[start] != Mark::Unvisited)
            continue;
        std::vector<Frame> path{{start}};
        marks[start] = Mark::OnPath;
        while (!path.empty()) {
            Frame &top = path.back();
            const ThreatRule &rule = threats[top.threat];
            if (top.next == rule.supersededRules.size()) {
                marks[top.threat] = Mark::Done;
                path.pop_back();
                continue;
            }
            const std::size_t to = indexOf.at(rule.supersededRules[top.next++]);
            if (marks[to] == Mark::Unvisited) {
                marks[to] = Mark::OnPath;
                path.push_back({to});
            } else if (marks[to] == Mark::OnPath) {
                std::string cycle;
                const auto first = std::find_if(path.begin(), path.end(),
                                                [to](const Frame &f) { return f.threat == to; });
                for (auto it = first; it != path.end(); ++it)
                    cycle += threats[it->threat].id + " -> ";
                errors.push_back(where(rule) + "cycle " + cycle + threats[to].id
                                 + " (a threat cannot hide one that hides it)");
            }
        }
    }
}

/** An element threat covers flow threats on the flows into its subject; else scopes match. */
bool scopesCanMeet(RuleScope covering, RuleScope hidden)
{
    return covering == hidden || (covering == RuleScope::Element && hidden == RuleScope::Flow);
}

} // namespace

bool canShareSubject(const ThreatRule &a, const ThreatRule &b)
{
    if (a.scope == RuleScope::Element && b.scope == RuleScope::Flow)
        return kindsOverlap(a.subjectKinds, b.targetKindPointers);
    if (a.scope != b.scope)
        return false;
    switch (a.scope) {
    case RuleScope::Element:
        return kindsOverlap(a.subjectKinds, b.subjectKinds);
    case RuleScope::Flow:
        return kindsOverlap(a.sourceKindPointers, b.sourceKindPointers)
               && kindsOverlap(a.targetKindPointers, b.targetKindPointers);
    case RuleScope::Model:
        return true;
    }
    return false;
}

void resolveSupersedes(std::vector<ThreatRule> &threats, std::vector<std::string> &errors)
{
    std::unordered_map<std::string_view, ThreatRule *> byId;
    std::unordered_map<const ThreatRule *, std::size_t> indexOf;
    for (std::size_t i = 0; i < threats.size(); ++i) {
        byId.emplace(threats[i].id, &threats[i]);
        indexOf.emplace(&threats[i], i);
    }
    for (ThreatRule &threat : threats) {
        threat.supersededRules.clear();
        if (threat.supersedes.size() > maxSupersededPerThreat) {
            errors.push_back(where(threat) + "a threat supersedes at most "
                             + std::to_string(maxSupersededPerThreat) + " threats, not "
                             + std::to_string(threat.supersedes.size()));
            continue;
        }
        std::set<std::string_view> listed;
        for (const std::string &id : threat.supersedes) {
            if (!listed.insert(id).second) {
                errors.push_back(where(threat) + displayQuoted(id) + " is listed twice");
                continue;
            }
            const auto it = byId.find(id);
            if (it == byId.end()) {
                errors.push_back(where(threat) + "unknown threat " + displayQuoted(id));
                continue;
            }
            const ThreatRule &hidden = *it->second;
            if (&hidden == &threat) {
                errors.push_back(where(threat) + "a threat cannot supersede itself");
                continue;
            }
            if (!canShareSubject(threat, hidden)) {
                errors.push_back(where(threat) + hidden.id + " never applies to the same subject ("
                                 + (!scopesCanMeet(threat.scope, hidden.scope)
                                        ? "it has " + std::string(ruleScopeKey(hidden.scope))
                                              + " scope, this one "
                                              + std::string(ruleScopeKey(threat.scope))
                                        : std::string("no kind in common"))
                                 + ")");
                continue;
            }
            threat.supersededRules.push_back(&hidden);
        }
    }
    reportCycles(threats, indexOf, errors);
}

} // namespace bulkhead
