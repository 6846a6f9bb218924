import { expect, type Locator, type Page } from '@playwright/test';
import { DESK_ACCOUNT, openAs } from './SessionPage';

/** Page model of the plan setup section (`#/desk/plans`): the editable floor plan and its tools. */
export class PlansPage {
  constructor(readonly page: Page) {}

  /** Opens the desk at `url`, signed in as `as` (DESK_ACCOUNT, a supervisor, by default; null: nobody). */
  async open(url: string, as: string | null = DESK_ACCOUNT): Promise<void> {
    await openAs(this.page, url, as);
    await expect(this.svg()).toBeVisible();
  }

  /** The plan being edited; its viewBox is the floor in metres. */
  svg(): Locator {
    return this.page.getByTestId('plans-svg');
  }

  /** The last edit's outcome: a status line, or role=alert naming the refused field. */
  status(): Locator {
    return this.page.getByTestId('plans-status');
  }

  scale(): Locator {
    return this.page.getByTestId('plans-scale');
  }

  /** Clicks a point of the plan given in metres. */
  async clickAt(x: number, y: number, double = false): Promise<void> {
    await clickPlanAt(this.page, this.svg(), x, y, double);
  }

  /** Calibrates by two points (metres at the current scale) and the real distance between them. */
  async calibrate(from: readonly [number, number], to: readonly [number, number], distanceM: string): Promise<void> {
    await this.page.getByTestId('plans-calibrate').click();
    await this.clickAt(from[0], from[1]);
    await this.clickAt(to[0], to[1]);
    await this.page.getByLabel('Distance between the points (m)').or(this.page.getByLabel('两点间距离（米）')).fill(distanceM);
    await this.page.getByRole('button', { name: /Apply scale|应用比例尺/ }).click();
  }

  /** Draws a zone through `points` (metres); the double-click on the last one closes it. */
  async drawZone(points: readonly (readonly [number, number])[]): Promise<void> {
    await this.page.getByTestId('plans-draw').click();
    for (const [i, [x, y]] of points.entries()) await this.clickAt(x, y, i === points.length - 1);
  }
}

/** Clicks a point given in plan metres on an SVG whose viewBox is the floor in metres. */
export async function clickPlanAt(page: Page, svg: Locator, x: number, y: number, double = false): Promise<void> {
  const [cx, cy] = await svg.evaluate(
    (el, p) => {
      const m = (el as SVGSVGElement).getScreenCTM();
      if (!m) throw new Error('no CTM');
      const q = new DOMPoint(p[0], p[1]).matrixTransform(m);
      return [q.x, q.y];
    },
    [x, y] as [number, number],
  );
  if (double) await page.mouse.dblclick(cx ?? 0, cy ?? 0);
  else await page.mouse.click(cx ?? 0, cy ?? 0);
}
