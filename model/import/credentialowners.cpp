#include "credentialowners.h"

#include <algorithm>

namespace bulkhead {

std::vector<std::vector<ClientHeldCredential>>
clientHeldCredentials(const std::vector<CredentialFacts> &facts,
                      const std::set<std::pair<std::size_t, std::size_t>> &calls)
{
    std::vector<std::vector<ClientHeldCredential>> result(facts.size());
    for (const auto &[caller, callee] : calls) {
        if (caller == callee || caller >= facts.size() || callee >= facts.size())
            continue;
        const std::vector<std::size_t> &owned = facts[callee].passwordFingerprints;
        const auto &weak = facts[caller].weakCredentials;
        for (std::size_t i = 0; i < weak.size(); ++i) {
            std::vector<ClientHeldCredential> &held = result[caller];
            const bool counted = std::any_of(
                held.begin(), held.end(),
                [&](const ClientHeldCredential &c) { return c.weak == i; });
            if (!counted
                && std::find(owned.begin(), owned.end(), weak[i].fingerprint) != owned.end())
                held.push_back({i, callee});
        }
    }
    return result;
}

bool clearClientHeldWeakness(const CredentialFacts &facts,
                             const std::vector<ClientHeldCredential> &clientHeld,
                             PropertyMap &properties)
{
    if (facts.weakCredentials.empty() || clientHeld.size() < facts.weakCredentials.size())
        return false;
    if (facts.allValuesKnown)
        properties["weakCredentials"] = std::string("no");
    else
        properties.erase("weakCredentials");
    return true;
}

} // namespace bulkhead
