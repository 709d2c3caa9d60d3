import { openEditor } from './test/helpers/editor-page';
(async () => {
  const ed = await openEditor('explore-');
  const { page } = ed;
  try {
    for (let round = 0; round < 2; round++) {
      await page.click('#red-ui-header-button-sidemenu');
      await page.click('#menu-item-import');
      await page.click('#red-ui-tab-red-ui-clipboard-dialog-import-tab-examples a');
      const tab = page.locator('#red-ui-clipboard-dialog-import-tab-examples');
      await page.waitForTimeout(1500);
      console.log(round, JSON.stringify(await tab.innerText()));
      if (round === 0) {
        await tab.locator('.red-ui-treeList-label-text').getByText('@crm-sync/node-red-crm-sync', { exact: true }).click();
        await page.waitForTimeout(500);
        await tab.locator('.red-ui-treeList-label-text').getByText('dedupe', { exact: true }).click();
        await page.click('#red-ui-clipboard-dialog-ok');
        await page.waitForTimeout(1000);
      }
    }
    console.log(ed.problems);
  } finally {
    await ed.stop();
  }
})();
