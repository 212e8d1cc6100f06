#pragma once

#include "threatrule.h"

#include <string>
#include <vector>

namespace bulkhead {

/**
 * Resolves every threat's `supersedes` ids to rules and checks them: each id names a threat,
 * no threat supersedes itself, the relation has no cycle, and both threats can apply to the
 * same subject. Appends one line per problem ("FILE: threat ID: supersedes: message").
 */
void resolveSupersedes(std::vector<ThreatRule> &threats, std::vector<std::string> &errors);

/**
 * Whether some subject can be in the scope of both threats (same scope, shared kinds), or,
 * for an element threat `a` and a flow threat `b`, whether `b` can fire on a flow into an
 * element `a` applies to: that is the subject on which `a` covers `b`.
 */
bool canShareSubject(const ThreatRule &a, const ThreatRule &b);

} // namespace bulkhead
