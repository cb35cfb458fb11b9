import { startHarness, type Harness } from "./helpers";

/**
 * The tests (and the demo seed) provoke OCI errors on purpose; oci-common's retrier would console.warn each one.
 * The package's SDK client keeps those lines off the console and lets every other warning through.
 */
describe("the OCI SDK client's console output", () => {
  const printed: string[] = [];
  const originalWarn = console.warn;
  let h: Harness;

  beforeAll(async () => {
    console.warn = (...args: unknown[]) => void printed.push(args.map(String).join(" "));
    h = await startHarness();
  });
  afterAll(async () => {
    console.warn = originalWarn;
    await h?.stop();
  });

  it("when a read is refused (404) and a call is throttled, then the errors reach the caller and nothing reaches the console", async () => {
    await expect(h.oci.getVcn({ vcnId: "ocid1.vcn.oc1.iad.nosuchvcn" })).rejects.toMatchObject({ statusCode: 404 });
    await h.emulators.admin.addFault({ match: { cloud: "oci" }, action: { type: "throttle" }, times: 1 });
    await expect(h.oci.getDrg({ drgId: "ocid1.drg.oc1.iad.nosuchdrg" })).rejects.toMatchObject({ statusCode: 404 });
    console.warn("a warning of our own");
    expect(printed).toEqual(["a warning of our own"]);
  });
});
