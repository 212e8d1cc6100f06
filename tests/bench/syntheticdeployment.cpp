#include "syntheticdeployment.h"

#include <random>
#include <string>

namespace bulkhead::bench {

ThreatModel makeSyntheticDeployment(std::size_t elementCount)
{
    ThreatModel model;
    model.metadata().title = "Synthetic deployment of " + std::to_string(elementCount) + " elements";
    std::mt19937 random(20261128);
    auto chance = [&](int percent) { return static_cast<int>(random() % 100) < percent; };
    auto tri = [&]() -> std::string {
        const int roll = static_cast<int>(random() % 3);
        return roll == 0 ? "yes" : roll == 1 ? "no" : "unknown";
    };

    model.addBoundary({"internet", "internet", "Internet", "", {}, {0, 0, 200, 200}});
    std::size_t elements = 0;
    std::size_t flows = 0;
    auto addElement = [&](Element e) {
        ++elements;
        return model.addElement(std::move(e)).id;
    };
    auto addFlow = [&](const std::string &from, const std::string &to, PropertyMap properties) {
        const std::string id = "f" + std::to_string(++flows);
        model.addFlow({id, "flow " + id, from, to, false, std::move(properties), {}});
    };

    constexpr std::size_t hostsPerCluster = 10;
    constexpr std::size_t containersPerHost = 16;
    std::size_t cluster = 0;
    while (elements < elementCount) {
        const std::string c = "cluster" + std::to_string(++cluster);
        model.addBoundary({c, "cluster", c, "", {{"rbacLeastPrivilege", tri()}}, {}});
        const std::string users = addElement({c + "-users", "external-user", "users", "internet", {}, {}});
        const std::string registry = addElement({c + "-registry", "registry", "registry", c,
                                                 {{"authRequiredForPush", tri()}}, {}});
        const std::string vault = addElement({c + "-vault", "secrets-store", "vault", c, {}, {}});
        const std::string ci = addElement({c + "-ci", "ci-pipeline", "ci", c, {}, {}});
        const std::string api = addElement({c + "-api", "orchestrator-api", "api server", c,
                                            {{"anonymousAuth", tri()}}, {}});
        addFlow(ci, registry, {{"protocol", std::string("https")}});
        addFlow(ci, api, {{"encrypted", std::string("yes")}});
        for (std::size_t h = 0; h < hostsPerCluster && elements < elementCount; ++h) {
            const std::string host = c + "-host" + std::to_string(h);
            model.addBoundary({host, "host", host, c,
                               {{"kernelPatched", tri()}, {"auditd", tri()}}, {}});
            const std::string cache = addElement({host + "-cache", "cache", "cache", host,
                                                  {{"authRequired", tri()}}, {}});
            const std::string db = addElement({host + "-db", "database", "db", host,
                                               {{"encryptedAtRest", tri()}}, {}});
            for (std::size_t k = 0; k < containersPerHost && elements < elementCount; ++k) {
                PropertyMap properties{{"privileged", chance(5)},
                                       {"readOnlyRootFilesystem", chance(40)},
                                       {"runAsNonRoot", tri()},
                                       {"image.signed", tri()},
                                       {"image.ageDays", std::int64_t(random() % 400)}};
                if (chance(10))
                    properties.emplace("hostPathMounts", StringList{"/var/run/docker.sock:/var/run/docker.sock"});
                const std::string container = addElement(
                    {host + "-c" + std::to_string(k), "container", "service " + std::to_string(k),
                     host, std::move(properties), {}});
                if (k == 0)
                    addFlow(users, container, {{"protocol", std::string(chance(50) ? "https" : "http")}});
                addFlow(container, chance(50) ? cache : db,
                        {{"encrypted", tri()}, {"carriesSecrets", chance(10)}});
                if (k % 4 == 0)
                    addFlow(registry, container, {{"carriesImages", true}});
                if (k % 8 == 0)
                    addFlow(vault, container, {{"carriesSecrets", true}});
            }
        }
    }
    return model;
}

} // namespace bulkhead::bench
