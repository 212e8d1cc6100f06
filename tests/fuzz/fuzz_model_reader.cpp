// libFuzzer harness: the native model reader (io/modelreader) on arbitrary bytes.
// Any input either loads or is refused with an error naming the file; a model that
// loads saves and loads again to the same bytes.

#include "fuzzsupport.h"

#include "io/modelreader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace bulkhead;
    const std::string source = "fuzz.bulkhead.json";
    const auto loaded = readModelText(fuzz::asText(data, size), source);
    if (!loaded) {
        fuzz::expectErrorNaming(loaded.error(), source);
        return 0;
    }
    fuzz::expectSavesAndReloads(loaded->model);
    return 0;
}
