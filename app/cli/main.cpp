#include "clicommands.h"

#include <string>
#include <vector>

int main(int argc, char **argv)
{
    return bulkhead::cli::run(std::vector<std::string>(argv + 1, argv + argc));
}
