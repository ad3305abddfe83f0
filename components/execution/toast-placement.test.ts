import { describe, expect, it } from "vitest";
import { chooseCorner, cornerRect } from "./toast-placement";

const viewport = { width: 1280, height: 800 };
const box = { width: 400, height: 100 };

describe("chooseCorner", () => {
  it("keeps the bottom right corner when no graph is there", () => {
    expect(chooseCorner(viewport, box, [], 16)).toBe("bottom-right");
    const topGraph = { left: 0, top: 0, right: 1280, bottom: 400 };
    expect(chooseCorner(viewport, box, [topGraph], 16)).toBe("bottom-right");
  });

  it("moves to a free corner when a graph fills the bottom right", () => {
    const graph = { left: 300, top: 200, right: 1280, bottom: 800 };
    const corner = chooseCorner(viewport, box, [graph], 16);
    expect(corner).toBe("top-right");
    const r = cornerRect(corner, viewport, box, 16);
    expect(r.bottom <= graph.top || r.left >= graph.right).toBe(true);
  });

  it("takes the least covered corner when every corner has a graph", () => {
    const big = { left: 0, top: 0, right: 1280, bottom: 800 };
    const smallTopLeft = { left: 0, top: 0, right: 10, bottom: 10 };
    expect(chooseCorner(viewport, box, [big, smallTopLeft], 16)).toBe("bottom-right");
  });
});
