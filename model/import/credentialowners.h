#pragma once

#include "import/credentialfacts.h"

#include <cstddef>
#include <set>
#include <utility>
#include <vector>

namespace bulkhead {

/** A weak credential a workload holds as another's client: the index in its
 *  CredentialFacts::weakCredentials, and the workload whose credential it is. */
struct ClientHeldCredential
{
    std::size_t weak;
    std::size_t owner;
};

/**
 * Whose each weak credential is. A workload that calls another and holds the same password as
 * that callee (gitea's GITEA__database__PASSWD and gitea-db's POSTGRES_PASSWORD) holds it as the
 * callee's client: the weak password guards the callee, which is where it is reported. A weak
 * credential no callee holds stays its holder's, also when it is really a client's password for
 * a service outside the files. `facts` are per workload; `calls` are (caller, callee) pairs of
 * their indexes. Returns, per workload, its client-held weak credentials.
 */
std::vector<std::vector<ClientHeldCredential>>
clientHeldCredentials(const std::vector<CredentialFacts> &facts,
                      const std::set<std::pair<std::size_t, std::size_t>> &calls);

/**
 * Sets `weakCredentials` on a workload whose weak credentials are all a callee's: no when its
 * other credentials' values were all compared, else it is left unknown (erased). Returns whether
 * it changed the property.
 */
bool clearClientHeldWeakness(const CredentialFacts &facts,
                             const std::vector<ClientHeldCredential> &clientHeld,
                             PropertyMap &properties);

} // namespace bulkhead
