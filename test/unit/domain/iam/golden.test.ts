import fixture from "./fixtures/seed-statements.json";
import { generatePolicies, PolicyScenarioRequest } from "../../../../shared/domain/iam";

/** The seed wraps one associate statement over two lines and leaves a trailing space; OCI reads any whitespace run alike. */
const normalize = (statement: string): string => statement.replace(/\s+/g, " ").trim();

interface Deviation {
  seed: string;
  generated: string;
  why: string;
}

function expectedStatement(seedText: string, deviations: readonly Deviation[]): string {
  let text = seedText;
  for (const [placeholder, ocid] of Object.entries(fixture.placeholders)) text = text.split(placeholder).join(ocid);
  for (const deviation of deviations) text = text.split(deviation.seed).join(deviation.generated);
  return normalize(text);
}

describe("golden: generated statements equal the seeds' statements", () => {
  for (const testCase of fixture.cases) {
    const deviations: Deviation[] = ("deviations" in testCase ? testCase.deviations : undefined) ?? [];

    test(`when the scenario is ${testCase.name}, then every policy has the seed's statements in the seed's order`, () => {
      const set = generatePolicies(PolicyScenarioRequest.parse(testCase.request));
      expect(set.scenario).toBe(testCase.request.scenario);
      expect(set.policies.map((policy) => policy.side)).toEqual(testCase.policies.map((policy) => policy.side));
      set.policies.forEach((policy, index) => {
        const seedPolicy = testCase.policies[index];
        expect(policy.statements).toEqual(seedPolicy?.seed.map((line) => expectedStatement(line, deviations)));
      });
    });

    test(`when the fixture for ${testCase.name} is expanded, then no placeholder is left and each deviation is really in the seed text`, () => {
      const seedLines = testCase.policies.flatMap((policy) => policy.seed);
      for (const line of seedLines) expect(expectedStatement(line, deviations)).not.toMatch(/[<>]/);
      for (const deviation of deviations) expect(seedLines.some((line) => line.includes(deviation.seed))).toBe(true);
    });
  }

  test("when generated, then statements are single-spaced lines without leading or trailing blanks", () => {
    for (const testCase of fixture.cases) {
      for (const policy of generatePolicies(PolicyScenarioRequest.parse(testCase.request)).policies) {
        for (const statement of policy.statements) expect(statement).toBe(normalize(statement));
      }
    }
  });

  test("when the interconnect scenario is generated with defaults, then it is seed 000's three statements exactly", () => {
    const set = generatePolicies({ scenario: "interconnect" });
    expect(set.policies.flatMap((policy) => policy.statements)).toEqual([
      "Allow group NetworkAdmins to manage virtual-network-family in tenancy",
      "Allow group VirtualCircuitAdmins to manage drgs in tenancy",
      "Allow group VirtualCircuitAdmins to manage virtual-circuits in tenancy",
    ]);
  });
});
