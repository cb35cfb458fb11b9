import { Readable } from "node:stream";
import path from "node:path";
import { main } from "../../../cli/main";
import { designRequest } from "../../support/requests";

const designFile = path.resolve(__dirname, "../../fixtures/design-example.json");

async function run(args: string[], stdinText = "") {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from([stdinText]),
  });
  return { code, stdout, stderr };
}

describe("interlink CLI", () => {
  it("when planning DESIGN.md's example, then the plan carries the derived Azure and Oracle BGP addresses", async () => {
    const { code, stdout } = await run(["plan", designFile]);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect([plan.bgp.primary.customerBgpPeeringIp, plan.bgp.secondary.customerBgpPeeringIp]).toEqual(["10.99.0.2/30", "10.99.0.6/30"]);
    expect([plan.bgp.primary.oracleBgpPeeringIp, plan.bgp.secondary.oracleBgpPeeringIp]).toEqual(["10.99.0.1/30", "10.99.0.5/30"]);
    const virtualCircuit = plan.setup.find((step: { id: string }) => step.id === "virtual-circuit").resources[0];
    expect(virtualCircuit.properties.crossConnectMappings).toEqual([
      { oracleBgpPeeringIp: "10.99.0.1/30", customerBgpPeeringIp: "10.99.0.2/30" },
      { oracleBgpPeeringIp: "10.99.0.5/30", customerBgpPeeringIp: "10.99.0.6/30" },
    ]);
  });

  it("when the VNet and VCN overlap, then it exits 2 with a problem naming both ranges", async () => {
    const request = designRequest((r) => (r.oci.vcnCidrs = ["10.10.0.0/20"]));
    const { code, stdout } = await run(["plan", "-"], JSON.stringify(request));
    expect(code).toBe(2);
    const problem = JSON.parse(stdout);
    expect(problem.status).toBe(400);
    expect(problem.errors[0].path).toBe("oci.vcnCidrs[0]");
    expect(problem.errors[0].message).toContain("10.10.0.0/20");
    expect(problem.errors[0].message).toContain("10.10.0.0/16");
  });

  it("when the input is not JSON, then it exits 2 and says so", async () => {
    const { code, stdout } = await run(["validate", "-"], "{ nope");
    expect(code).toBe(2);
    expect(JSON.parse(stdout).errors[0].message).toMatch(/^is not valid JSON/);
  });

  it("when validating with --format text, then a readable line is printed", async () => {
    const { code, stdout } = await run(["validate", designFile, "--format", "text"]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe("valid: erp-db-link");
  });

  it("when the command is unknown or the file is missing, then usage goes to stderr with exit 2", async () => {
    expect((await run(["deploy", designFile])).code).toBe(2);
    const missing = await run(["plan"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing <file|->");
    expect(missing.stderr).toContain("usage: interlink plan <file|->");
  });

  it("when the file cannot be read, then it is invalid input (exit 2) naming the file", async () => {
    const { code, stderr } = await run(["plan", "/nonexistent/request.json"]);
    expect(code).toBe(2);
    expect(stderr).toContain("cannot read /nonexistent/request.json");
    expect(stderr).toContain("ENOENT");
  });
});

describe("interlink CLI policies", () => {
  it("when asked for the interconnect policies, then seed 000's statements come back", async () => {
    const { code, stdout } = await run(["policies", "-"], JSON.stringify({ scenario: "interconnect" }));
    expect(code).toBe(0);
    const statements = JSON.parse(stdout).policies.flatMap((policy: { statements: string[] }) => policy.statements);
    expect(statements).toEqual(
      expect.arrayContaining([
        "Allow group NetworkAdmins to manage virtual-network-family in tenancy",
        "Allow group VirtualCircuitAdmins to manage drgs in tenancy",
        "Allow group VirtualCircuitAdmins to manage virtual-circuits in tenancy",
      ]),
    );
  });

  it("when linted statements have errors, then it exits 2 with the findings as field errors", async () => {
    const input = { policies: [{ attachedTo: { kind: "tenancy" }, statements: ["Allow group G to manage vcns in tenancy", "Define group G as ocid1.group.oc1..aaaa"] }] };
    const { code, stdout } = await run(["lint-policy", "-"], JSON.stringify(input));
    expect(code).toBe(2);
    const problem = JSON.parse(stdout);
    expect(problem.errors).toContainEqual({ path: "policies[0].statements[1]", message: expect.stringContaining("define-not-first") });
  });

  it("when linted statements are clean, then it exits 0", async () => {
    const input = { policies: [{ attachedTo: { kind: "tenancy" }, statements: ["Allow group NetworkAdmins to manage virtual-network-family in tenancy"] }] };
    expect((await run(["lint-policy", "-"], JSON.stringify(input))).code).toBe(0);
  });
});

describe("interlink plan contents", () => {
  it("when planning, then the plan carries the Task 1 rules and the IAM policies", async () => {
    const { stdout } = await run(["plan", designFile]);
    const plan = JSON.parse(stdout);
    expect(plan.securityRules.azure[0]).toMatchObject({ name: "interlink-erp-db-link-out-tcp-1521", destinationPortRange: "1521" });
    expect(plan.securityRules.oci[0]).toMatchObject({ direction: "INGRESS", source: "10.10.0.0/16" });
    expect(plan.iamPolicies.scenario).toBe("interconnect");
  });
});
