// Who may read every Secret of the cluster, as the RBAC objects of the input grant it: the fact
// IAM-04 otherwise has to ask about.

#include "import/kubernetes/importer.h"

#include "import/importsupport.h"

namespace bulkhead::kubernetes {

void KubernetesImporter::noteClusterSecretReaders(const Binding &binding, const Role &role,
                                                  const std::string &subjects)
{
    // The file's name, not its path: the note goes into the model, which stays the same
    // wherever it is read.
    const std::string grant =
        role.readsSecretsLine > 0
            ? "its rule at " + fileNames({m_files[std::size_t(role.origin.file)]}).front() + ":"
                  + std::to_string(role.readsSecretsLine)
            : std::string("as Kubernetes defines it");
    const std::string sentence = binding.origin.label + " lets " + subjects
                                 + " get, list or watch every Secret in the cluster through "
                                 + binding.roleKind + " " + binding.roleName + " (" + grant + ")";
    flagged(binding.origin, sentence + ": secretReadersBroad yes");
    m_clusterSecretReaders.push_back(sentence + ".");
}

} // namespace bulkhead::kubernetes
