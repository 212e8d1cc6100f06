// The importers' lookup tables: sensitive host paths, sockets and devices (import/importsupport)
// and the Kubernetes container field lists (import/kubernetes/schema).

#include "import/importsupport.h"
#include "import/kubernetes/schema.h"

#include <QTest>

#include <algorithm>

using namespace bulkhead;

namespace {

std::string orNone(const std::optional<std::string> &text)
{
    return text.value_or("<none>");
}

} // namespace

class TestImportTables : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runtimeSocketsAreFoundByFileNameAnywhere()
    {
        QCOMPARE(orNone(sensitiveHostLocation("/var/run/docker.sock")), std::string("/var/run/docker.sock"));
        QCOMPARE(orNone(sensitiveHostLocation("/home/ci/docker.sock")), std::string("/var/run/docker.sock"));
        QCOMPARE(orNone(sensitiveHostLocation("/tmp/containerd.sock")), std::string("/run/containerd/containerd.sock"));
        QCOMPARE(orNone(sensitiveHostLocation("/x/crio.sock")), std::string("/var/run/crio/crio.sock"));
        QCOMPARE(orNone(sensitiveHostLocation("/x/podman.sock")), std::string("/run/podman/podman.sock"));
        QVERIFY(orNone(sensitiveHostPath("/srv/podman.sock")).starts_with("the container runtime's socket"));
    }

    void knownPathsMatchThemselvesAndWhatLiesBelow()
    {
        QCOMPARE(orNone(sensitiveHostLocation("/")), std::string("/"));
        QCOMPARE(orNone(sensitiveHostPath("/")), std::string("the host's whole filesystem"));
        QCOMPARE(orNone(sensitiveHostLocation("/etc")), std::string("/etc"));
        QCOMPARE(orNone(sensitiveHostLocation("/etc/ssh/")), std::string("/etc/ssh"));
        // Under /etc only what configures the host: application configuration is not sensitive.
        QCOMPARE(orNone(sensitiveHostLocation("/etc/pihole")), std::string("<none>"));
        QCOMPARE(orNone(sensitiveHostPath("/var/log/app")), std::string("host logs"));
        QCOMPARE(orNone(sensitiveHostLocation("/usr/lib/modules/6.1")), std::string("/usr/lib/modules"));
        // A sibling whose name only starts the same is not below it.
        QCOMPARE(orNone(sensitiveHostLocation("/etcetera")), std::string("<none>"));
        QCOMPARE(orNone(sensitiveHostLocation("/srv/data")), std::string("<none>"));
    }

    void aParentIsAsSensitiveAsTheFirstPathBelowIt()
    {
        QCOMPARE(orNone(sensitiveHostLocation("/var")), std::string("/var"));
        QCOMPARE(orNone(sensitiveHostPath("/var")),
                 std::string("a parent of /var/lib/docker — every container's filesystem and the daemon's state"));
        QCOMPARE(orNone(sensitiveHostPath("/usr")), std::string("a parent of /usr/lib/modules — kernel modules"));
        QCOMPARE(orNone(sensitiveHostPath("/va")), std::string("<none>"));
    }

    void devicesMatchByPrefix()
    {
        QCOMPARE(orNone(sensitiveDevice("/dev")), std::string("every host device"));
        QCOMPARE(orNone(sensitiveDevice("/dev/mem")), std::string("the host's physical memory"));
        QCOMPARE(orNone(sensitiveDevice("/dev/sda1")), std::string("a host disk"));
        QCOMPARE(orNone(sensitiveDevice("/dev/nvme0n1")), std::string("a host disk"));
        QCOMPARE(orNone(sensitiveDevice("/dev/loop3")), std::string("a host disk image"));
        QCOMPARE(orNone(sensitiveDevice("/dev/fuse")), std::string("<none>"));
        QCOMPARE(orNone(sensitiveDevice("/dev/null")), std::string("<none>"));
    }

    void ephemeralContainersTakeEveryContainerFieldAndTheirTarget()
    {
        using kubernetes::containerKeys;
        using kubernetes::ephemeralContainerKeys;
        QCOMPARE(ephemeralContainerKeys.size(), containerKeys.size() + 1);
        QVERIFY(std::equal(containerKeys.begin(), containerKeys.end(), ephemeralContainerKeys.begin()));
        QCOMPARE(ephemeralContainerKeys.back(), std::string_view("targetContainerName"));
        QVERIFY(std::find(containerKeys.begin(), containerKeys.end(), "targetContainerName") == containerKeys.end());
    }
};

QTEST_GUILESS_MAIN(TestImportTables)
#include "tst_import_tables.moc"
