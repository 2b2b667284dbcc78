import { createMainServices } from '../../main/compose';
import { createApi } from '../../shared/contract/api';
import { generateSnapshot } from '../../shared/lab/generate-org';
import { decodeSnapshot } from '../../shared/snapshot/decode';
import { readCertificateBase64 } from '../../main/services/x509-reader';
import { labCertificates } from '../../test/support/lab';
(async () => {
  const raw = generateSnapshot({ exchangeServers: 50, dialPlans: 200, gateways: 1000, users: 500, certificates: labCertificates() });
  const org = decodeSnapshot(raw, { readCertificate: readCertificateBase64, sourceKind: 'snapshot', sourceLabel: 'big' });
  const s = createMainServices({ root: '/work/main', allowedOrigins: ['http://x'], org });
  const api = createApi(s.transportFor({ url: 'http://x/index.html', isMainFrame: true, trustedContents: true } as any));
  const g0 = await api.topology.graph({ expandedGroups: [] });
  console.log(JSON.stringify(g0.groups));
  const g = await api.topology.graph({ expandedGroups: ['umIpGateway'] });
  const m = g.nodes.filter((n) => n.kind === 'umIpGateway' && n.group === null);
  console.log(m.length, m.slice(0, 5).map((n) => [n.id, n.x, n.y]));
  const xs = new Set(m.map((n) => Math.round(n.x)));
  console.log('columns', [...xs].slice(0, 10), Math.min(...m.map((n) => n.y)), Math.max(...m.map((n) => n.y)));
})();
(async () => {
  const raw = generateSnapshot({ exchangeServers: 50, dialPlans: 200, gateways: 1000, users: 500, certificates: labCertificates() });
  const org = decodeSnapshot(raw, { readCertificate: readCertificateBase64, sourceKind: 'snapshot', sourceLabel: 'big' });
  const s = createMainServices({ root: '/work/main', allowedOrigins: ['http://x'], org });
  const api = createApi(s.transportFor({ url: 'http://x/index.html', isMainFrame: true, trustedContents: true } as any));
  const t = performance.now();
  const g = await api.topology.graph({ expandedGroups: ['umHuntGroup', 'umDialPlan', 'umMailboxPolicy', 'exUmContact'] });
  console.log('big expand', g.nodes.length, g.edges.length, Math.round(performance.now() - t), g.layoutMs);
})();
