#include "importreportdialog.h"

#include "import/importresult.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>

#include <algorithm>
#include <QVBoxLayout>

namespace bulkhead {

ImportReportDialog::ImportReportDialog(const QString &summary, const ImportReport &report,
                                       QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Import Report"));
    resize(820, 520);
    auto *layout = new QVBoxLayout(this);
    auto *heading = new QLabel(summary, this);
    heading->setWordWrap(true);
    heading->setTextFormat(Qt::PlainText);
    layout->addWidget(heading);

    m_tree = new QTreeWidget(this);
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Finding"), tr("Where")});
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(false);
    m_tree->setWordWrap(true);
    // The finding takes the room; "file:line" keeps to its text.
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    layout->addWidget(m_tree, 1);

    auto section = [&](const QString &title, const std::vector<ImportFinding> &findings,
                       bool open) {
        auto *group = new QTreeWidgetItem(m_tree, {tr("%1 (%2)").arg(title).arg(findings.size())});
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        for (const ImportFinding &finding : findings) {
            // The file name and line; the whole path is a tooltip away.
            const QString where = QString::fromStdString(finding.where);
            auto *item = new QTreeWidgetItem(
                group, {QString::fromStdString(finding.text), QFileInfo(where).fileName()});
            item->setToolTip(0, item->text(0));
            item->setToolTip(1, where);
        }
        group->setExpanded(open && !findings.empty());
    };
    section(tr("Flagged"), report.flagged, true);
    section(tr("Mapped"), report.mapped, false);
    section(tr("Skipped"), report.skipped, !report.skipped.empty() && report.skipped.size() <= 10);
    std::vector<ImportFinding> validation;
    for (const std::string &line : report.validation)
        validation.push_back({std::string(), line});
    section(tr("Validation"), validation, true);

    fitWidthToFindings();

    m_text = summary + QLatin1Char('\n') + QString::fromStdString(formatImportReport(report));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy Report"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_text); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

void ImportReportDialog::fitWidthToFindings()
{
    // As wide as the longest finding needs, where the screen has room: a cut-off finding is
    // most often the one the reader opened the report for.
    const QFontMetrics metrics = m_tree->fontMetrics();
    int widest = 0;
    int whereWidth = metrics.horizontalAdvance(m_tree->headerItem()->text(1));
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
        widest = std::max(widest, metrics.horizontalAdvance((*it)->text(0)));
        whereWidth = std::max(whereWidth, metrics.horizontalAdvance((*it)->text(1)));
    }
    const int chrome = 2 * m_tree->indentation() + 3 * metrics.averageCharWidth()
                       + m_tree->verticalScrollBar()->sizeHint().width() + 60;
    const int wanted = widest + whereWidth + chrome;
    const int available = screen() ? screen()->availableGeometry().width() * 9 / 10 : wanted;
    resize(std::max(width(), std::min(wanted, available)), height());
}

} // namespace bulkhead
