// libFuzzer harness: the Kubernetes importer (import/kubernetesimporter). The importer reads
// files, so the input becomes files in a scratch directory of this process, rewritten every
// run: cut at NUL bytes, each part is one manifest file, given in order (like
// `import k8s a.yaml b.yaml`). Any input either imports to a model that validates, saves and
// loads again, or is refused with an error naming the file.

#include "fuzzsupport.h"

#include "import/kubernetesimporter.h"

#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bulkhead;
    static const fuzz::ScratchDirectory scratch;

    const auto parts = fuzz::splitAtNul(fuzz::asText(data, size), 4);
    scratch.clear();
    std::vector<std::string> files;
    for (std::size_t i = 0; i < parts.size(); ++i)
        files.push_back(scratch.write("manifest-" + std::to_string(i) + ".yaml", parts[i]));

    const auto imported = importKubernetes(files);
    fuzz::checkImport(imported, scratch.path().string());
    return 0;
}
